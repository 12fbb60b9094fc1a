pipeline {
  agent any
  environment {
    NPM_TOKEN = '@@TOKEN:npm@@'
    REGION = 'eu-west-1'
  }
  stages {
    stage('Deploy') {
      environment {
        AWS_SECRET_ACCESS_KEY = "@@SECRET40:aws@@"
        DB_PASSWORD = '''@@PASSWORD:db@@'''
      }
      steps {
        sh 'echo { not a block }'
      }
    }
  }
}
